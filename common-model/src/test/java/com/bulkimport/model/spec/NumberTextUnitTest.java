package com.bulkimport.model.spec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberTextUnitTest {

    private static final FieldSpec LATITUDE = FieldSpec.of("latitude", FieldType.DECIMAL).scale(7).build();

    @Test
    void fortySignificantDigitsAreReadFortyOneAreNot() {
        String forty = "1234567890".repeat(4);
        assertThatCode(() -> NumberText.checkLength(LATITUDE, "0.000" + forty)).doesNotThrowAnyException();
        assertThatCode(() -> NumberText.checkLength(LATITUDE, "-" + forty.substring(0, 20) + "." + forty.substring(20)
                + "e-12")).doesNotThrowAnyException();
        assertThatThrownBy(() -> NumberText.checkLength(LATITUDE, "0.000" + forty + "7"))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("latitude has 41 significant digits; a number may have at most 40 significant digits"
                        + " (64 characters with its sign, separators and exponent)");
    }

    @Test
    void leadingZerosAndTheExponentAreNotSignificant() {
        assertThatCode(() -> NumberText.checkLength(LATITUDE, "0000000000" + "1".repeat(40) + "E+0123"))
                .doesNotThrowAnyException();
    }

    @Test
    void textLongerThanAnyNumberIsRefusedByItsLengthAlone() {
        // sixty-five characters, of which only one digit is significant: still not a number anyone wrote
        assertThatThrownBy(() -> NumberText.checkLength(LATITUDE, "0." + "0".repeat(62) + "1"))
                .hasMessageStartingWith("latitude is 65 characters long;");
    }
}
