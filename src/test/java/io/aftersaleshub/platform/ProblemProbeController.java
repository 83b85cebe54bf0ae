package io.aftersaleshub.platform;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test only: an endpoint that fails unexpectedly and one with typed parameters, for {@link ProblemDetailsIT}. */
@RestController
class ProblemProbeController {

    static final String SECRET = "jdbc:postgresql://db/hub?password=s3cr3t";

    @GetMapping("/test-probe/boom")
    String boom() {
        throw new IllegalStateException("cannot connect to " + SECRET);
    }

    @GetMapping("/test-probe/count/{n}")
    int count(@PathVariable int n, @RequestParam(defaultValue = "1") int times) {
        return n * times;
    }
}
