package com.bulkimport.model.csv;

import java.util.Locale;

/**
 * How much text a file may turn into. A small gzip of repeated rows inflates a thousandfold (5 GB of it
 * would be terabytes), so the decompressed text has an absolute cap, and a gzip file a cap on its
 * ratio once past its first bytes (a short file may compress very well; a long one that keeps doing so
 * is a bomb).
 *
 * @param maxBytes     most decompressed bytes read
 * @param maxRatio     most decompressed bytes per compressed byte of a gzip file, checked from
 *                     {@code ratioAfter} decompressed bytes on; 0 for no ratio cap
 * @param scope        who reads, for the messages: {@code one import}, {@code a sample}
 * @param bytesSetting the setting that raises {@code maxBytes}, named in the refusal
 * @param ratioSetting the setting that raises {@code maxRatio}
 */
public record InflateLimits(long maxBytes, int maxRatio, long ratioAfter, String scope, String bytesSetting,
                            String ratioSetting) {

    public static final InflateLimits NONE = new InflateLimits(Long.MAX_VALUE, 0, Long.MAX_VALUE, "", "", "");

    public InflateLimits {
        if (maxBytes <= 0 || maxRatio < 0 || ratioAfter < 0) {
            throw new IllegalArgumentException("decompression limits must be positive: " + maxBytes + ", " + maxRatio
                    + ", " + ratioAfter);
        }
    }

    UnreadableFile tooLarge() {
        return new UnreadableFile("DECOMPRESSED_TOO_LARGE", "the file holds more than " + size(maxBytes)
                + " of text once decompressed, the most " + scope + " reads (setting " + bytesSetting
                + " raises the limit)");
    }

    UnreadableFile ratioTooHigh(long decompressed, long compressed) {
        return new UnreadableFile("COMPRESSION_RATIO_TOO_HIGH", "the gzip data inflates more than " + maxRatio
                + " times (" + size(decompressed) + " from " + size(compressed) + "), as only a decompression bomb"
                + " does; nothing was imported (setting " + ratioSetting + " raises the limit)");
    }

    /** {@code 50 GB}, {@code 1.5 MB}, {@code 812 bytes}: binary units, as DataSize reads them. */
    public static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + units[unit];
    }
}
