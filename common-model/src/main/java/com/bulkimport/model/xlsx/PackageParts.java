package com.bulkimport.model.xlsx;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a workbook's package says of itself in its few small parts, read before fastexcel opens it: whether it is
 * Strict ({@link StrictPackage}), and whether its content types ({@code [Content_Types].xml}) declare its styles and
 * shared strings parts. fastexcel finds those two by their content type alone, where the standard finds them by the
 * workbook's relationships, and it cannot read cell formats (so dates) without a declared styles part. A package
 * that has none, or does not declare it, failed whole as "null not found": the Open XML SDK's smallest spreadsheet
 * has no styles part, and exports built on it have none either. A rewritten copy declares what the package lacks
 * ({@link #amend}) and, when there is no styles part at all, holds an empty one ({@link #ADDED_STYLES}): with no
 * styles, no cell has a format, so none is a date.
 *
 * @param strict                 the root relationships name the workbook by the Strict relationship type
 * @param undeclaredStyles       the styles part the workbook's relationships name, when the content types do not
 *                               declare it; else null
 * @param noStyles               the package has no styles part at all (none declared, none related)
 * @param undeclaredSharedStrings the shared strings part the relationships name, when the content types do not
 *                               declare it; else null
 * @param chartSheets            the relationship ids of the workbook's sheets that hold no table: chart sheets (a
 *                               chart on a tab of its own) and dialog sheets; no import reads one unless named
 */
record PackageParts(boolean strict, String undeclaredStyles, boolean noStyles, String undeclaredSharedStrings,
                    Set<String> chartSheets) {

    static final String CONTENT_TYPES = "[Content_Types].xml";
    static final String STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
    static final String SHARED_STRINGS_TYPE =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
    /** The styles part a copy adds to a package without one: a single cell format, General. */
    static final String ADDED_STYLES = "xl/styles-added-for-reading.xml";
    static final String EMPTY_STYLES = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
            + "</styleSheet>";

    private static final String STRICT = "http://purl.oclc.org/ooxml/";
    /** More than any package's content types or relationships need; a part beyond it is no workbook's. */
    private static final int SMALL_PART = 4 * 1024 * 1024;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // these parts are the upload's: no DTD, no entity from elsewhere
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** Whether the package must be read from a rewritten copy to be read at all. */
    boolean needsCopy() {
        return strict || undeclaredStyles != null || noStyles || undeclaredSharedStrings != null;
    }

    /** Whether the copy must declare or add a part. */
    boolean amends() {
        return undeclaredStyles != null || noStyles || undeclaredSharedStrings != null;
    }

    static PackageParts of(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String rootRels = text(zip, "_rels/.rels");
            String contentTypes = text(zip, CONTENT_TYPES);
            boolean strict = rootRels != null && rootRels.contains(STRICT);
            if (contentTypes == null) {
                // no content types: fastexcel says so itself, as the workbook's fault
                return new PackageParts(strict, null, false, null, Set.of());
            }
            List<String> declaredTypes = declaredTypes(contentTypes);
            String workbook = workbookPart(rootRels);
            String workbookRels = text(zip, relsOf(workbook));
            Map<String, String> related = relatedParts(workbookRels, folderOf(workbook));
            String styles = null;
            boolean noStyles = false;
            if (!declaredTypes.contains(STYLES_TYPE)) {
                styles = existing(zip, related.get("styles"));
                noStyles = styles == null;
            }
            String sharedStrings = declaredTypes.contains(SHARED_STRINGS_TYPE) ? null
                    : existing(zip, related.get("sharedStrings"));
            return new PackageParts(strict, styles, noStyles, sharedStrings, chartSheets(workbookRels));
        }
    }

    /** The content types with an override for each part they lacked. */
    String amend(String contentTypes) {
        StringBuilder more = new StringBuilder();
        if (undeclaredStyles != null) {
            more.append(override(undeclaredStyles, STYLES_TYPE));
        }
        if (noStyles) {
            more.append(override(ADDED_STYLES, STYLES_TYPE));
        }
        if (undeclaredSharedStrings != null) {
            more.append(override(undeclaredSharedStrings, SHARED_STRINGS_TYPE));
        }
        int end = contentTypes.lastIndexOf("</");
        if (end < 0) {
            throw new IllegalStateException(CONTENT_TYPES + " is not a list of content types");
        }
        return contentTypes.substring(0, end) + more + contentTypes.substring(end);
    }

    private static String override(String part, String type) {
        return "<Override PartName=\"/" + part + "\" ContentType=\"" + type + "\"/>";
    }

    /** The workbook part the root relationships name (the officeDocument), else where every writer puts it. */
    private static String workbookPart(String rootRels) {
        if (rootRels != null) {
            for (Map.Entry<String, String> target : relationships(rootRels)) {
                if (target.getKey().endsWith("/officeDocument")) {
                    return resolve("", target.getValue());
                }
            }
        }
        return "xl/workbook.xml";
    }

    /** Relationship type (its last segment) → part name, for the styles and shared strings. */
    private static Map<String, String> relatedParts(String rels, String folder) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (rels == null) {
            return parts;
        }
        for (Map.Entry<String, String> target : relationships(rels)) {
            String type = target.getKey().substring(target.getKey().lastIndexOf('/') + 1);
            if (type.equals("styles") || type.equals("sharedStrings")) {
                parts.putIfAbsent(type, resolve(folder, target.getValue()));
            }
        }
        return parts;
    }

    /** The ids of the workbook's relationships to chart sheets and dialog sheets. */
    private static Set<String> chartSheets(String rels) {
        Set<String> ids = new HashSet<>();
        if (rels != null) {
            elements(rels, "Relationship", (type, id) -> {
                String last = type.substring(type.lastIndexOf('/') + 1);
                if (last.equals("chartsheet") || last.equals("dialogsheet")) {
                    ids.add(id);
                }
            }, "Type", "Id");
        }
        return Set.copyOf(ids);
    }

    /** A part's name as the ZIP holds it (any case, as fastexcel looks it up), or null when it is not there. */
    private static String existing(ZipFile zip, String part) {
        if (part == null) {
            return null;
        }
        if (zip.getEntry(part) != null) {
            return part;
        }
        return zip.stream().map(ZipEntry::getName).filter(name -> name.equalsIgnoreCase(part)).findFirst()
                .orElse(null);
    }

    static String relsOf(String part) {
        return folderOf(part) + "_rels/" + part.substring(part.lastIndexOf('/') + 1) + ".rels";
    }

    private static String folderOf(String part) {
        return part.substring(0, part.lastIndexOf('/') + 1);
    }

    /** A relationship's target as a part name: absolute ("/xl/styles.xml") or relative to the source's folder. */
    static String resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** Each relationship's (type, target), in order. */
    private static List<Map.Entry<String, String>> relationships(String rels) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        elements(rels, "Relationship", (type, target) -> all.add(Map.entry(type, target)), "Type", "Target");
        return all;
    }

    /** The content type of each part the content types name one for. */
    private static List<String> declaredTypes(String contentTypes) {
        List<String> all = new ArrayList<>();
        elements(contentTypes, "Override", (part, type) -> all.add(type), "PartName", "ContentType");
        return all;
    }

    private static void elements(String xml, String element, java.util.function.BiConsumer<String, String> each,
                                 String first, String second) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(xml));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals(element)) {
                        String a = reader.getAttributeValue(null, first);
                        String b = reader.getAttributeValue(null, second);
                        if (a != null && b != null) {
                            each.accept(a.trim(), b.trim());
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("a part of the package is not XML: " + e.getMessage(), e);
        }
    }

    /** A small part's text, or null when the package has no such part. */
    private static String text(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(SMALL_PART + 1);
            if (bytes.length > SMALL_PART) {
                throw new IllegalStateException(name + " is larger than any workbook's (" + SMALL_PART / 1024 / 1024
                        + " MB)");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
