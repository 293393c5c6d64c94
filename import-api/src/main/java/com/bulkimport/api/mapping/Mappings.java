package com.bulkimport.api.mapping;

import com.bulkimport.api.caller.Caller;
import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.model.ImportKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's column mappings: the remembered one of each header (saved when an import starts with a mapping,
 * proposed by the next sample of that header) and the named ones ({@code /api/mappings}). Tenant-scoped: every
 * user of a tenant shares them, another tenant's are not found.
 */
@Service
public class Mappings {

    /** Named mappings one tenant may keep. */
    static final int MAX_NAMED = 200;

    private static final Logger log = LoggerFactory.getLogger(Mappings.class);

    private final MappingStore store;
    private final ImportLimits limits;
    private final TransactionTemplate tx;

    Mappings(MappingStore store, ImportLimits limits, TransactionTemplate tx) {
        this.store = store;
        this.limits = limits;
        this.tx = tx;
    }

    /** What to propose for a file with this header: its remembered mapping, else a named one made for it. */
    public Optional<SavedMapping> proposalFor(String tenant, ImportKind kind, List<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        return store.forHeader(tenant, kind.wireName(), HeaderSignature.of(header));
    }

    /**
     * Remembers the mapping an import of the tenant starts with for the header its keys name (the UI sends every
     * column, so that is the file's header). Best effort: an import never fails for it.
     */
    public void remember(String tenant, String subject, ImportKind kind, Map<String, String> mapping) {
        if (mapping.isEmpty()) {
            return;
        }
        try {
            store.remember(tenant, subject, kind.wireName(), HeaderSignature.of(mapping.keySet()), mapping);
        } catch (RuntimeException e) {
            log.warn("remembering the column mapping of a {} import failed: {}", kind.wireName(), e.toString());
        }
    }

    /** The named mapping of the kind an import applies ({@code mapping_name}), if the tenant has it. */
    public Optional<SavedMapping> named(String tenant, ImportKind kind, String name) {
        return store.findNamed(tenant, kind.wireName(), name.strip()).stream().findFirst();
    }

    SavedMapping create(Caller caller, MappingRequest request) {
        MappingChecks.Checked checked = MappingChecks.check(request, limits);
        try {
            return tx.execute(status -> {
                store.lockTenant(caller.tenant());
                if (store.countNamed(caller.tenant()) >= MAX_NAMED) {
                    throw new MappingProblems.TooManyMappings(MAX_NAMED);
                }
                return store.create(caller.tenant(), caller.subject(), checked.kind().wireName(), checked.name(),
                        HeaderSignature.of(checked.mapping().keySet()), checked.mapping());
            });
        } catch (DuplicateKeyException e) {
            throw new MappingProblems.MappingNameTaken(checked.name(), checked.kind().wireName());
        }
    }

    List<SavedMapping> list(Caller caller, String kind) {
        return store.named(caller.tenant(), kind == null ? null : checkedKind(kind).wireName());
    }

    /** By id, or by name (any case); a name two kinds share needs {@code kind}. */
    SavedMapping find(Caller caller, String ref, String kind) {
        Optional<UUID> id = uuid(ref);
        if (id.isPresent()) {
            return store.find(caller.tenant(), id.get()).filter(m -> m.name() != null)
                    .orElseThrow(() -> new MappingProblems.MappingNotFound(ref));
        }
        List<SavedMapping> found = store.findNamed(caller.tenant(), kind == null ? null : checkedKind(kind).wireName(), ref);
        if (found.isEmpty()) {
            throw new MappingProblems.MappingNotFound("'" + ref + "'" + (kind == null ? "" : " of " + kind));
        }
        if (found.size() > 1) {
            throw new InvalidImportRequest(List.of("mappings of " + String.join(" and ",
                    found.stream().map(SavedMapping::kind).toList()) + " are named '" + ref + "'; give kind"));
        }
        return found.get(0);
    }

    void delete(Caller caller, String ref, String kind) {
        SavedMapping mapping = find(caller, ref, kind);
        if (!store.delete(caller.tenant(), mapping.id())) {
            throw new MappingProblems.MappingNotFound(ref);
        }
    }

    private static ImportKind checkedKind(String kind) {
        List<String> problems = new ArrayList<>();
        ImportKind parsed = MappingChecks.kind(kind, problems);
        if (parsed == null) {
            throw new InvalidImportRequest(problems);
        }
        return parsed;
    }

    private static Optional<UUID> uuid(String ref) {
        if (ref.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(ref));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
