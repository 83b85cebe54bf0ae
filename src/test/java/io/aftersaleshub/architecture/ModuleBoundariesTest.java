package io.aftersaleshub.architecture;

import io.aftersaleshub.HubApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The packages under io.aftersaleshub are modules: dependencies between them form no cycle, and a
 * module uses only another's top-level package (its published API) or a named interface such as
 * rules' vocabulary. The README's module graph is this test's picture.
 */
class ModuleBoundariesTest {

    @Test
    void modulesDependOnEachOtherInOneDirectionThroughTheirPublishedApis() {
        ApplicationModules.of(HubApplication.class).verify();
    }
}
