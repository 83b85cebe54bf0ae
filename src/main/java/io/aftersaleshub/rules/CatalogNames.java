package io.aftersaleshub.rules;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.aftersaleshub.catalog.CatalogCache;
import io.aftersaleshub.catalog.CatalogSnapshot;
import org.springframework.stereotype.Component;

/**
 * {@link KnownNames} read from the catalogue in memory (catalog depends on nothing of rules). The sets are
 * derived once per catalogue snapshot: a 5,000-row workbook asks for them once per cell.
 */
@Component
class CatalogNames implements KnownNames {

    private final CatalogCache catalog;
    private volatile Derived derived;

    CatalogNames(CatalogCache catalog) {
        this.catalog = catalog;
    }

    private record Derived(CatalogSnapshot of, Set<String> productLines, Set<String> modelCodes, Map<String, String> itemTypes) {

        static Derived from(CatalogSnapshot s) {
            return new Derived(s,
                    s.modelsByGtin().values().stream().map(CatalogSnapshot.Model::productLine).collect(Collectors.toUnmodifiableSet()),
                    s.modelsByGtin().values().stream().map(CatalogSnapshot.Model::modelCode).collect(Collectors.toUnmodifiableSet()),
                    s.itemsBySku().values().stream().collect(Collectors.toUnmodifiableMap(CatalogSnapshot.Item::sku, i -> i.type().name())));
        }
    }

    private Derived derived() {
        CatalogSnapshot now = catalog.current();
        Derived d = derived;
        if (d == null || d.of() != now) {
            d = Derived.from(now);
            derived = d;
        }
        return d;
    }

    @Override
    public Set<String> productLines() {
        return derived().productLines();
    }

    @Override
    public Set<String> modelCodes() {
        return derived().modelCodes();
    }

    @Override
    public Map<String, String> itemTypes() {
        return derived().itemTypes();
    }
}
