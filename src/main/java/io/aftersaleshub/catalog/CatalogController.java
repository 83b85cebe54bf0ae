package io.aftersaleshub.catalog;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalog")
public class CatalogController {

    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** Upserts models, items and units; the same upload twice changes nothing the second time. */
    @PostMapping
    public CatalogUpload.Counts upsert(@RequestBody CatalogUpload upload) {
        return catalog.upsert(upload);
    }
}
