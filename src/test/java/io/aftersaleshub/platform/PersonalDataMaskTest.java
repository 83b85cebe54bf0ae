package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void masksEveryAddressAndLeavesTheRest() {
        assertThat(PersonalDataMask.emails("550 5.1.1 <ana.o'neil+x@mail.example.com>: Recipient rejected; bcc Zoë@bücher.de"))
                .isEqualTo("550 5.1.1 <<e-mail>>: Recipient rejected; bcc <e-mail>");
        assertThat(PersonalDataMask.emails("Key (email)=(ben@example.test) already exists."))
                .isEqualTo("Key (email)=(<e-mail>) already exists.");
        assertThat(PersonalDataMask.emails("no address here, port: 127.0.0.1, 2525")).isEqualTo("no address here, port: 127.0.0.1, 2525");
        assertThat(PersonalDataMask.emails(null)).isNull();
    }
}
