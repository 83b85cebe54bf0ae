package io.aftersaleshub.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Reads {@code *.drl.xlsx} workbooks and their cases from the rules folder, else from the jar. */
@Component
public class WorkbookLoader {

    private final RulesProperties properties;

    public WorkbookLoader(RulesProperties properties) {
        this.properties = properties;
    }

    /** Where workbooks are read from, for status pages and logs. */
    public String location() {
        Path dir = folder();
        return dir != null ? dir.toString() : "classpath:rules/";
    }

    public List<WorkbookSource> load() {
        Path dir = folder();
        return dir != null ? fromFolder(dir) : fromClasspath();
    }

    private Path folder() {
        if (properties.dir() == null || properties.dir().isBlank()) {
            return null;
        }
        Path dir = Path.of(properties.dir()).toAbsolutePath().normalize();
        return Files.isDirectory(dir) ? dir : null;
    }

    static List<WorkbookSource> fromFolder(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<WorkbookSource> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.getFileName().toString().matches(".*\\.drl\\.xlsx?$"))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = p.getFileName().toString();
                Path cases = dir.resolve(WorkbookSource.casesNameFor(name));
                out.add(new WorkbookSource(name, Files.readAllBytes(p),
                        Files.exists(cases) ? Files.readString(cases, StandardCharsets.UTF_8) : null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + dir, e);
        }
    }

    private static List<WorkbookSource> fromClasspath() {
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            List<WorkbookSource> out = new ArrayList<>();
            for (Resource r : resolver.getResources("classpath*:rules/*.drl.xls*")) {
                String name = r.getFilename();
                Resource cases = resolver.getResource("classpath:rules/" + WorkbookSource.casesNameFor(name));
                out.add(new WorkbookSource(name, r.getContentAsByteArray(),
                        cases.exists() ? cases.getContentAsString(StandardCharsets.UTF_8) : null));
            }
            out.sort(Comparator.comparing(WorkbookSource::name));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from the classpath", e);
        }
    }
}
