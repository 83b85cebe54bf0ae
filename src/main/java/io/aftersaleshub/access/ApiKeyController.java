package io.aftersaleshub.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys of integrations (scope {@code admin}): create (the key is shown once), list, revoke. */
@RestController
@RequestMapping("/api/keys")
class ApiKeyController {

    record NewKey(String name, List<String> scopes) {
    }

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    ResponseEntity<ApiKeys.Created> create(@RequestBody NewKey request) {
        Problems p = new Problems();
        p.text("name", request.name(), 100);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (request.scopes() == null || request.scopes().isEmpty()) {
            p.add("scopes", "must name at least one of ingest, catalog, rules, read, ops, admin");
        } else {
            for (int i = 0; i < request.scopes().size(); i++) {
                String label = request.scopes().get(i);
                int at = i;
                Scope.parse(label).ifPresentOrElse(scopes::add,
                        () -> p.add("scopes[" + at + "]", "is not a scope (ingest, catalog, rules, read, ops, admin)"));
            }
        }
        p.throwIfAny();
        return ResponseEntity.status(HttpStatus.CREATED).body(keys.create(request.name().trim(), scopes));
    }

    @GetMapping
    List<ApiKeys.Listed> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        if (!keys.revoke(id)) {
            throw RequestRejectedException.of(HttpStatus.NOT_FOUND, "id", "is no live API key");
        }
        return ResponseEntity.noContent().build();
    }
}
