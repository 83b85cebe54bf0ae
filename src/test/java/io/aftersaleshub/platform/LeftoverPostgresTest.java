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
        Path pid = pgData.resolve("postmaster.pid");
        Files.writeString(pid, ProcessHandle.current().pid() + "\n" + pgData + "\n");
        assertThat(LeftoverPostgres.postmasterOf(pid)).isEmpty();
        LeftoverPostgres.stopIfOrphaned(pgData, Duration.ofSeconds(1)); // and nothing is stopped
        assertThat(ProcessHandle.current().isAlive()).isTrue();
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
