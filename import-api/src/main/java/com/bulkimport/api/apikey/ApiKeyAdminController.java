package com.bulkimport.api.apikey;

import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.InvalidImportRequest;
import com.bulkimport.api.problem.ApiProblem;
import com.bulkimport.api.read.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Admins issue, list and revoke the read API's keys ({@code /api/admin/**} needs the admin role). */
@RestController
@Tag(name = "admin", description = "admin role only: API keys, the outbox relay's events and the worker's dead letters")
@RequestMapping(path = "/api/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyAdminController {

    static final int MAX_PAGE = Page.UNCONFIGURED_SIZE_MAX;
    private static final String TENANT_TEXT = "[A-Za-z0-9._-]{1,100}";
    private static final Pattern TENANT = Pattern.compile(TENANT_TEXT);
    private static final int MAX_NAME = 200;

    private final ApiKeyStore keys;
    private final CurrentCaller caller;

    ApiKeyAdminController(ApiKeyStore keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    /** Body of a create: the tenant whose data the key reads, and a name to recognise it by. */
    record CreateKeyRequest(@Schema(pattern = "^" + TENANT_TEXT + "$", maxLength = 100) String tenant,
                            @Schema(maxLength = MAX_NAME) String name) {
    }

    @Operation(summary = "Issue an API key for a tenant's read API; the key is shown this once")
    @ApiResponse(responseCode = "201", description = "the key, shown this once", useReturnTypeSchema = true)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiKeyStore.CreatedKey> create(@RequestBody CreateKeyRequest request) {
        List<String> problems = new ArrayList<>();
        if (request == null || request.tenant() == null || !TENANT.matcher(request.tenant()).matches()) {
            problems.add("tenant is required: 1 to 100 letters, digits, '.', '_' or '-'");
        }
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME
                || request.name().chars().anyMatch(Character::isISOControl)) {
            problems.add("name is required: 1 to 200 characters, no control characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportRequest(problems);
        }
        ApiKeyStore.CreatedKey created = keys.create(request.tenant(), request.name().strip(), caller.get().subject());
        return ResponseEntity.created(URI.create("/api/admin/api-keys/" + created.id())).body(created);
    }

    @Operation(summary = "API keys, newest first, optionally of one tenant")
    @GetMapping
    Page<ApiKeyStore.ApiKey> list(@Parameter(schema = @Schema(type = "string", pattern = "^" + TENANT_TEXT + "$",
                                          maxLength = 100)) @RequestParam(required = false) String tenant,
                                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, MAX_PAGE);
        if (tenant != null && !TENANT.matcher(tenant).matches()) {
            throw new InvalidImportRequest(List.of("tenant must be 1 to 100 letters, digits, '.', '_' or '-'"));
        }
        return Page.of(keys.list(tenant, page, size), page, size, keys.count(tenant));
    }

    @Operation(summary = "Revoke an API key")
    @ApiResponse(responseCode = "204", description = "revoked")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        if (!keys.revoke(id, caller.get().subject())) {
            throw new ApiKeyNotFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** No API key with this id. */
    static final class ApiKeyNotFound extends ApiProblem {
        ApiKeyNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "api-key-not-found", "API key not found", "there is no API key " + id);
        }
    }
}
