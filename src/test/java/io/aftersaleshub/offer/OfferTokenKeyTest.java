package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the offer token key comes from: the environment, else (embedded default only) the data folder. */
class OfferTokenKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theConfiguredKeyIsUsedAsIs() {
        String key = "a-key-from-the-environment-of-40-chars!!";

        assertThat(OfferTokenKey.resolve(key, false, dataDir)).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve(OfferTokenKey.FILE)).doesNotExist();
    }

    @Test
    void productionRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> OfferTokenKey.resolve("", false, dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HUB_OFFER_TOKEN_KEY is required when DATABASE_URL is set");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> OfferTokenKey.resolve("too-short", true, dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 characters");
    }

    @Test
    void theEmbeddedDefaultMakesARandomKeyOnceReadableByTheOwnerOnly() throws Exception {
        byte[] first = OfferTokenKey.resolve(null, true, dataDir);
        byte[] again = OfferTokenKey.resolve(null, true, dataDir);
        Path file = dataDir.resolve(OfferTokenKey.FILE);

        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(again).isEqualTo(Files.readAllBytes(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Path other = Files.createTempDirectory("hub-key-");
        assertThat(OfferTokenKey.resolve(null, true, other)).isNotEqualTo(first);
    }
}
