package io.aftersaleshub.rules;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.aftersaleshub.catalog.CatalogCache;
import io.aftersaleshub.catalog.CatalogSnapshot;
import org.springframework.stereotype.Component;

/** {@link KnownNames} read from the catalogue in memory (catalog depends on nothing of rules). */
@Component
class CatalogNames implements KnownNames {

    private final CatalogCache catalog;

    CatalogNames(CatalogCache catalog) {
        this.catalog = catalog;
    }

    @Override
    public Set<String> productLines() {
        return catalog.current().modelsByGtin().values().stream().map(CatalogSnapshot.Model::productLine).collect(Collectors.toSet());
    }

    @Override
    public Set<String> modelCodes() {
        return catalog.current().modelsByGtin().values().stream().map(CatalogSnapshot.Model::modelCode).collect(Collectors.toSet());
    }

    @Override
    public Map<String, String> itemTypes() {
        return catalog.current().itemsBySku().values().stream()
                .collect(Collectors.toMap(CatalogSnapshot.Item::sku, i -> i.type().name()));
    }
}
