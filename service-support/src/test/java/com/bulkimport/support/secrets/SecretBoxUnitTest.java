package com.bulkimport.support.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxUnitTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealsSoThatOnlyTheKeyOpens() {
        SecretBox box = SecretBox.of(KEY);
        String sealed = box.seal("whsec_abc");
        assertThat(sealed).startsWith("sealed:v1:").doesNotContain("abc");
        assertThat(box.seal("whsec_abc")).isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("whsec_abc");
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> SecretBox.of(Base64.getEncoder().encodeToString(other)).open(sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SecretBox.plain().open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeySecretsStayAsTheyAreAndPlainOnesStillOpen() {
        assertThat(SecretBox.of("").seal("whsec_x")).isEqualTo("whsec_x");
        assertThat(SecretBox.of(KEY).open("whsec_x")).isEqualTo("whsec_x");
        assertThatThrownBy(() -> SecretBox.of("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    }
}
