package io.aftersaleshub.platform;

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
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * A signing key from an environment variable (at least 32 characters, e.g. {@code openssl rand -base64 32});
 * when it is unset, the embedded default makes a random one once and keeps it in a file of the data dir,
 * readable by the owner only, so that what was signed survives a restart. With an external database
 * (production) the variable is required: a key made on one node would not verify on another.
 */
public final class DataDirSecret {

    public static final int MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(DataDirSecret.class);

    private DataDirSecret() {
    }

    /** The key for {@code variable}: its configured value, else (embedded default only) {@code dataDir/fileName}. */
    public static byte[] resolve(String variable, String configured, Environment env, String fileName) {
        boolean external = StringUtils.hasText(env.getProperty("spring.datasource.url"));
        return resolve(variable, configured, !external, Path.of(env.getRequiredProperty("hub.data-dir")).resolve(fileName));
    }

    /** The same, told whether the hub runs on its embedded default and given the file's path. */
    public static byte[] resolve(String variable, String configured, boolean embedded, Path file) {
        if (StringUtils.hasText(configured)) {
            byte[] key = configured.trim().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_BYTES) {
                throw new IllegalStateException(variable + " must be at least " + MIN_BYTES + " characters (e.g. openssl rand -base64 32)");
            }
            return key;
        }
        if (!embedded) {
            throw new IllegalStateException(variable + " is required when DATABASE_URL is set: every hub node must "
                    + "use the same key (e.g. openssl rand -base64 32)");
        }
        return fromFile(variable, file);
    }

    private static byte[] fromFile(String variable, Path file) {
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
                    }
                    Files.write(file, text);
                    log.info("Made a new key in {} (set {} in production)", file, variable);
                } catch (FileAlreadyExistsException raced) {
                    // another start made it meanwhile: use that one
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < MIN_BYTES) {
                throw new IllegalStateException(file + " holds no usable key; delete it to make a new one");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the key " + file, e);
        }
    }
}
