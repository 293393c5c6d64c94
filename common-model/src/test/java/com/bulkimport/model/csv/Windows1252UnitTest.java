package com.bulkimport.model.csv;

import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lossless Windows-1252 against the JDK's own tables: the same characters, and a character for every byte. */
class Windows1252UnitTest {

    private static final Charset JDK = Charset.forName("windows-1252");
    private static final Set<Integer> UNDEFINED = Set.of(0x81, 0x8D, 0x8F, 0x90, 0x9D);

    @Test
    void decodesEveryByteAsTheJdkDoesAndTheFiveItRefusesAsIso88591Does() throws CharacterCodingException {
        byte[] all = everyByte();
        String ours = strict(Encodings.WINDOWS_1252).decode(ByteBuffer.wrap(all)).toString();

        assertThat(ours).hasSize(256);
        for (int b = 0; b < 256; b++) {
            String expected = UNDEFINED.contains(b) ? new String(new byte[] {(byte) b}, StandardCharsets.ISO_8859_1)
                    : strict(JDK).decode(ByteBuffer.wrap(new byte[] {(byte) b})).toString();
            assertThat(ours.substring(b, b + 1)).as("byte 0x%02X", b).isEqualTo(expected);
        }
        assertThat(ours.charAt(0x80)).isEqualTo('\u20ac');
        assertThat(ours.substring(0x91, 0x98)).isEqualTo("\u2018\u2019\u201c\u201d\u2022\u2013\u2014");
        assertThatThrownBy(() -> strict(JDK).decode(ByteBuffer.wrap(new byte[] {(byte) 0x81})))
                .as("why it exists").isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void encodesEveryCharacterItDecodesBackToItsByte() throws CharacterCodingException {
        byte[] all = everyByte();
        CharBuffer text = strict(Encodings.WINDOWS_1252).decode(ByteBuffer.wrap(all));
        ByteBuffer back = Encodings.WINDOWS_1252.newEncoder().encode(text);

        byte[] bytes = new byte[back.remaining()];
        back.get(bytes);
        assertThat(bytes).isEqualTo(all);
        assertThat(Encodings.WINDOWS_1252.newEncoder().canEncode('\u4e00')).isFalse();
        assertThat(Encodings.WINDOWS_1252.newEncoder().canEncode("x\ud83d\ude00")).isFalse();
    }

    @Test
    void decodesBuffersWithoutArraysAndThroughAReaderInSmallReads() throws IOException {
        byte[] all = everyByte();
        String expected = strict(Encodings.WINDOWS_1252).decode(ByteBuffer.wrap(all)).toString();

        ByteBuffer direct = ByteBuffer.allocateDirect(all.length).put(all).flip();
        assertThat(strict(Encodings.WINDOWS_1252).decode(direct).toString()).isEqualTo(expected);

        StringBuilder read = new StringBuilder();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(all), Encodings.WINDOWS_1252)) {
            char[] buffer = new char[7];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                read.append(buffer, 0, n);
            }
        }
        assertThat(read.toString()).isEqualTo(expected);
    }

    @Test
    void everyNameOfWindows1252IsTheLosslessOne() {
        for (String name : new String[] {"windows-1252", "WINDOWS-1252", "cp1252", "Cp1252"}) {
            assertThat(Encodings.forName(name)).as(name).isSameAs(Encodings.WINDOWS_1252);
        }
        assertThat(new CsvHints(JDK, null).charset()).isSameAs(Encodings.WINDOWS_1252);
        assertThat(Encodings.forName("ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(Encodings.forName("utf8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(Encodings.WINDOWS_1252.name()).isEqualTo("windows-1252");
    }

    private static java.nio.charset.CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static byte[] everyByte() {
        byte[] all = new byte[256];
        for (int b = 0; b < 256; b++) {
            all[b] = (byte) b;
        }
        return all;
    }
}
