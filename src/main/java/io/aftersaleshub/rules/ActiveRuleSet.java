package io.aftersaleshub.rules;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rule set decisions use now, and the only way it changes. A candidate is checked completely
 * ({@link RuleSetCheck}) while the active set keeps serving, stored as a version (good or refused), and only
 * then swapped in with one reference write: a batch being decided keeps the set it started with.
 *
 * <p>At start the hub compiles the rules folder's workbooks if that content is new; when they are refused it
 * serves the stored ACTIVE version; with no good version at all it starts with an empty rule set (every
 * decision: no offer) and says so at ERROR level, so that a bad workbook never stops the hub.
 */
@Component
public class ActiveRuleSet {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);
    static final String FOLDER_USER = "rules folder";

    /** A deployed version: its number and the lint's warnings. */
    public record Deployed(long version, List<CellProblem> warnings) {
    }

    private final WorkbookLoader loader;
    private final RuleSetCheck check;
    private final RuleVersions versions;
    private final AtomicReference<RuleSet> active = new AtomicReference<>(RuleSet.empty());
    private volatile String folderSha;

    public ActiveRuleSet(WorkbookLoader loader, RuleSetCheck check, RuleVersions versions) {
        this.loader = loader;
        this.check = check;
        this.versions = versions;
        start();
    }

    public RuleSet current() {
        return active.get();
    }

    private synchronized void start() {
        deployFolderIfNew();
        if (current().isEmpty()) {
            versions.activeVersion().ifPresent(this::load);
        }
        if (current().isEmpty()) {
            log.error("NO RULE SET IS ACTIVE: the rules folder's workbooks were refused and no good version is stored. "
                    + "The hub runs and records every decision with no offer (rules version 'none') until a good workbook "
                    + "is uploaded (POST /api/rules or the /rules page) or saved into {}. See GET /api/rules/versions.",
                    loader.location());
        } else {
            log.info("Rule set version {} active: {} rules", current().version(), current().ruleNames().size());
        }
    }

    /** Checks, stores and activates; throws {@link RuleSetInvalidException} (recorded as a REFUSED version) and keeps the active set otherwise. */
    public synchronized Deployed deploy(List<WorkbookSource> workbooks, String uploadedBy, String source) {
        String sha = RuleSetCompiler.sha256(workbooks);
        RuleSet candidate;
        try {
            candidate = check.check(workbooks);
        } catch (RuleSetInvalidException e) {
            long v = versions.store(workbooks, sha, RuleVersions.Status.REFUSED, uploadedBy, source, e.errors(), e.warnings());
            throw new RuleSetInvalidException(e.errors(), e.warnings(), v);
        }
        long v = versions.store(workbooks, sha, RuleVersions.Status.ACTIVE, uploadedBy, source, List.of(), candidate.warnings());
        swap(candidate.withVersion(String.valueOf(v)));
        log.info("Rule set version {} deployed by {} ({}): {} rules, {} warnings", v, uploadedBy, source,
                candidate.ruleNames().size(), candidate.warnings().size());
        return new Deployed(v, candidate.warnings());
    }

    /** Activates a stored good version (roll back or forward) after checking it again. */
    public synchronized Deployed activate(long version) {
        RuleSet candidate = check.check(versions.files(version)).withVersion(String.valueOf(version));
        if (!versions.activate(version)) {
            check.release(candidate);
            throw new IllegalArgumentException("version " + version + " is unknown or was refused");
        }
        swap(candidate);
        log.info("Rule set version {} activated", version);
        return new Deployed(version, candidate.warnings());
    }

    /**
     * What each node runs every {@code hub.rules.poll}: switch to the version another node activated, and deploy
     * workbooks newly saved into the rules folder.
     */
    public synchronized void sync() {
        deployFolderIfNew();
        versions.activeVersion().filter(v -> !String.valueOf(v).equals(current().version())).ifPresent(this::load);
    }

    private void load(long version) {
        try {
            swap(check.check(versions.files(version)).withVersion(String.valueOf(version)));
            log.info("Rule set version {} active (stored)", version);
        } catch (RuntimeException e) {
            log.error("Stored rule set version {} cannot be used here; keeping version {}: {}", version, current().version(),
                    e.getMessage());
        }
    }

    private void deployFolderIfNew() {
        List<WorkbookSource> folder;
        try {
            folder = loader.load();
        } catch (RuntimeException e) {
            log.error("Cannot read the rules folder {}: {}", loader.location(), e.getMessage());
            return;
        }
        if (folder.isEmpty()) {
            return;
        }
        String sha = RuleSetCompiler.sha256(folder);
        if (sha.equals(folderSha)) {
            return;
        }
        folderSha = sha;
        if (versions.seen(sha)) {
            return;
        }
        try {
            deploy(folder, FOLDER_USER, "folder");
        } catch (RuleSetInvalidException e) {
            log.error("The workbooks in {} were refused (version {}); version {} keeps serving:\n  - {}", loader.location(),
                    e.version(), current().version(), String.join("\n  - ", e.problems()));
        }
    }

    private void swap(RuleSet next) {
        RuleSet previous = active.getAndSet(next);
        if (previous != null && !previous.isEmpty() && previous.releaseId() != null
                && !previous.releaseId().equals(next.releaseId())) {
            check.release(previous);
        }
    }
}
