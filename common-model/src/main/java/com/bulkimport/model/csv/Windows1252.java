package com.bulkimport.model.csv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/**
 * Windows-1252, the code page of a CSV that Excel and most Windows programs save in Western Europe and the
 * Americas, decoded as the WHATWG Encoding Standard (and so every browser) decodes it: bytes 0x80–0x9F are the
 * euro sign, curly quotes, dashes, ellipsis and the rest, and the five bytes the code page leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the control characters of the same value, as ISO-8859-1 reads them. So
 * every byte decodes, and encodes back to itself: nothing is lost, as with ISO-8859-1. The JDK's windows-1252
 * refuses those five bytes, and a file holding one would fail part way through.
 */
final class Windows1252 extends Charset {

    static final Windows1252 INSTANCE = new Windows1252();

    /** The characters of bytes 0x80 to 0x9F. */
    private static final char[] HIGH = {
            '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
            '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
            '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
            '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178'};

    private static final char[] DECODE = new char[256];

    static {
        for (int b = 0; b < 256; b++) {
            DECODE[b] = b >= 0x80 && b < 0xA0 ? HIGH[b - 0x80] : (char) b;
        }
    }

    private Windows1252() {
        super("windows-1252", new String[] {"cp1252", "cp5348"});
    }

    /** Whether the code page leaves this byte undefined: text that holds one is not Windows-1252. */
    static boolean undefined(int b) {
        return b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D;
    }

    @Override
    public boolean contains(Charset cs) {
        return cs.name().equals("US-ASCII") || cs.name().equals(name());
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new Decoder(this);
    }

    @Override
    public CharsetEncoder newEncoder() {
        return new Encoder(this);
    }

    private static final class Decoder extends CharsetDecoder {

        Decoder(Charset charset) {
            super(charset, 1f, 1f);
        }

        @Override
        protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
            if (in.hasArray() && out.hasArray()) {
                byte[] source = in.array();
                char[] target = out.array();
                int from = in.arrayOffset() + in.position();
                int to = out.arrayOffset() + out.position();
                int n = Math.min(in.remaining(), out.remaining());
                for (int i = 0; i < n; i++) {
                    target[to + i] = DECODE[source[from + i] & 0xFF];
                }
                in.position(in.position() + n);
                out.position(out.position() + n);
                return in.hasRemaining() ? CoderResult.OVERFLOW : CoderResult.UNDERFLOW;
            }
            while (in.hasRemaining()) {
                if (!out.hasRemaining()) {
                    return CoderResult.OVERFLOW;
                }
                out.put(DECODE[in.get() & 0xFF]);
            }
            return CoderResult.UNDERFLOW;
        }
    }

    private static final class Encoder extends CharsetEncoder {

        Encoder(Charset charset) {
            super(charset, 1f, 1f);
        }

        @Override
        protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
            while (in.hasRemaining()) {
                char c = in.get(in.position());
                int b = encode(c);
                if (b < 0) {
                    boolean pair = Character.isHighSurrogate(c) && in.remaining() > 1
                            && Character.isLowSurrogate(in.get(in.position() + 1));
                    return Character.isSurrogate(c) && !pair ? CoderResult.malformedForLength(1)
                            : CoderResult.unmappableForLength(pair ? 2 : 1);
                }
                if (!out.hasRemaining()) {
                    return CoderResult.OVERFLOW;
                }
                out.put((byte) b);
                in.position(in.position() + 1);
            }
            return CoderResult.UNDERFLOW;
        }

        private static int encode(char c) {
            if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
                return c;
            }
            for (int i = 0; i < HIGH.length; i++) {
                if (HIGH[i] == c) {
                    return 0x80 + i;
                }
            }
            return -1;
        }
    }
}
