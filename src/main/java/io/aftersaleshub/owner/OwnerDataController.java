package io.aftersaleshub.owner;

import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An owner's rights under the GDPR: a copy of everything held about them, and erasure. Erasing twice is fine:
 * both answer 204. An unknown owner id is 404.
 */
@RestController
@RequestMapping("/api/owners/{ownerId}")
public class OwnerDataController {

    private final OwnerData data;

    public OwnerDataController(OwnerData data) {
        this.data = data;
    }

    @GetMapping("/export")
    public Map<String, Object> export(@PathVariable UUID ownerId) {
        return data.export(ownerId).orElseThrow(() -> unknown());
    }

    @DeleteMapping
    public ResponseEntity<Void> erase(@PathVariable UUID ownerId) {
        if (!data.erase(ownerId)) {
            throw unknown();
        }
        return ResponseEntity.noContent().build();
    }

    private static RequestRejectedException unknown() {
        return RequestRejectedException.of(HttpStatus.NOT_FOUND, "ownerId", "names no known owner");
    }
}
