package io.aftersaleshub.offer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the offer token key comes from: {@code HUB_OFFER_TOKEN_KEY} (at least 32 characters, e.g.
 * {@code openssl rand -base64 32}). The embedded default, when it is unset, makes a random key once and
 * keeps it in {@code HUB_DATA_DIR/offer-token.key}, readable by the owner only, so tokens survive a
 * restart. With an external database (production, as {@code HubEnvironment} tells them apart) the hub
 * refuses to start without the variable: a key made on one node would not verify on another.
 */
@Configuration(proxyBeanMethods = false)
class OfferTokenKey {

    private static final Logger log = LoggerFactory.getLogger(OfferTokenKey.class);
    static final String FILE = "offer-token.key";

    @Bean
    OfferTokens offerTokens(OfferApiSettings settings, Environment env, @Value("${hub.data-dir}") String dataDir) {
        boolean embedded = !StringUtils.hasText(env.getProperty("spring.datasource.url"));
        return new OfferTokens(resolve(settings.tokenKey(), embedded, Path.of(dataDir)), settings.tokenValidity());
    }

    static byte[] resolve(String configured, boolean embedded, Path dataDir) {
        if (StringUtils.hasText(configured)) {
            byte[] key = configured.trim().getBytes(StandardCharsets.UTF_8);
            if (key.length < OfferTokens.MIN_KEY_BYTES) {
                throw new IllegalStateException("HUB_OFFER_TOKEN_KEY must be at least " + OfferTokens.MIN_KEY_BYTES
                        + " characters (e.g. openssl rand -base64 32)");
            }
            return key;
        }
        if (!embedded) {
            throw new IllegalStateException("HUB_OFFER_TOKEN_KEY is required when DATABASE_URL is set: every hub node "
                    + "must sign offer tokens with the same key (e.g. openssl rand -base64 32)");
        }
        return fromDataDir(dataDir.resolve(FILE));
    }

    private static byte[] fromDataDir(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                byte[] text = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                        file.toFile().setReadable(false, false);
                        file.toFile().setReadable(true, true);
                    }
                    Files.write(file, text);
                    log.info("Made a new offer token key in {} (set HUB_OFFER_TOKEN_KEY in production)", file);
                } catch (FileAlreadyExistsException raced) {
                    // another start made it meanwhile: use that one
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < OfferTokens.MIN_KEY_BYTES) {
                throw new IllegalStateException(file + " holds no usable offer token key; delete it to make a new one");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the offer token key " + file, e);
        }
    }
}
