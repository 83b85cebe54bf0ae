package io.aftersaleshub.demo;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.catalog.CatalogService;
import io.aftersaleshub.catalog.CatalogUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Loads the demo catalogue (espresso machines and grinders) into an empty database. */
@Component
@ConditionalOnProperty(name = "hub.demo-data", havingValue = "true")
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CatalogService catalog;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public DemoData(CatalogService catalog, JdbcClient jdbc, ObjectMapper json) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (jdbc.sql("SELECT count(*) FROM product_model").query(Integer.class).single() > 0) {
            return;
        }
        try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
            CatalogUpload.Counts counts = catalog.upsert(json.readValue(in, CatalogUpload.class));
            log.info("Demo catalogue loaded: {} models, {} items, {} units", counts.models(), counts.items(), counts.units());
        }
    }
}
