package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverPostgresTest {

    @TempDir
    Path pgData;

    @Test
    void aLiveProcessThatIsNotPostgresIsNeverTakenForTheServer() throws Exception {
        // a live process of someone else's whose pid a stale pid file happens to name
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path pid = pgData.resolve("postmaster.pid");
            Files.writeString(pid, other.pid() + "\n" + pgData + "\n");
            assertThat(LeftoverPostgres.postmasterOf(pid)).isEmpty();
            LeftoverPostgres.stopIfOrphaned(pgData, Duration.ofSeconds(1));
            // had it been taken for the server, it would have been sent SIGTERM and be gone by now
            assertThat(other.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS)).isFalse();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aPidFileOfAnotherFolderOrGarbageIsIgnored() throws Exception {
        Path pid = pgData.resolve("postmaster.pid");
        Files.writeString(pid, ProcessHandle.current().pid() + "\n/somewhere/else\n");
        assertThat(LeftoverPostgres.postmasterOf(pid)).isEmpty();
        Files.writeString(pid, "not a pid\n");
        assertThat(LeftoverPostgres.postmasterOf(pid)).isEmpty();
    }

    @Test
    void withoutAPidFileThereIsNothingToDo() throws Exception {
        LeftoverPostgres.stopIfOrphaned(pgData, Duration.ofSeconds(1));
        assertThat(pgData.resolve(LeftoverPostgres.LOCK_FILE)).doesNotExist();
    }
}
