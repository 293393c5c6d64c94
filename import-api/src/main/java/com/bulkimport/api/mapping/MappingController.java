package com.bulkimport.api.mapping;

import com.bulkimport.api.caller.CurrentCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import java.util.List;

/** A tenant's named column mappings (README, "Remembered and named mappings"). */
@RestController
@RequestMapping(path = "/api/mappings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "mappings", description = "column mappings saved under a name, applied to imports by mapping_name")
class MappingController {

    private final Mappings mappings;
    private final CurrentCaller caller;

    MappingController(Mappings mappings, CurrentCaller caller) {
        this.mappings = mappings;
        this.caller = caller;
    }

    @Operation(summary = "Save a column mapping under a name",
            description = "201 with the mapping. The name is unique per tenant and kind, any case (409"
                    + " mapping-name-taken); a tenant keeps at most 200 (422 mapping-limit-reached).")
    @ApiResponse(responseCode = "201", description = "saved", useReturnTypeSchema = true)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SavedMapping> create(@RequestBody(required = false) MappingRequest request) {
        SavedMapping saved = mappings.create(caller.get(), request);
        return ResponseEntity.created(URI.create("/api/mappings/" + saved.id())).body(saved);
    }

    @Operation(summary = "The tenant's named mappings, of one kind or all, by kind and name")
    @GetMapping
    MappingList list(@Parameter(description = "only this kind's, e.g. products")
                     @RequestParam(required = false) String kind) {
        return new MappingList(mappings.list(caller.get(), kind));
    }

    @Operation(summary = "One named mapping, by id or by name (any case)",
            description = "a name two kinds share needs kind (400 otherwise)")
    @GetMapping("/{ref}")
    SavedMapping get(@Parameter(description = "the mapping's id or name") @PathVariable String ref,
                     @Parameter(description = "the kind of the mapping named") @RequestParam(required = false) String kind) {
        return mappings.find(caller.get(), ref, kind);
    }

    @Operation(summary = "Delete a named mapping, by id or by name (any case)")
    @ApiResponse(responseCode = "204", description = "deleted")
    @DeleteMapping("/{ref}")
    ResponseEntity<Void> delete(@Parameter(description = "the mapping's id or name") @PathVariable String ref,
                                @Parameter(description = "the kind of the mapping named")
                                @RequestParam(required = false) String kind) {
        mappings.delete(caller.get(), ref, kind);
        return ResponseEntity.noContent().build();
    }

    /** The list's answer: every named mapping (a tenant has at most 200, so no pages). */
    record MappingList(List<SavedMapping> items) {
    }
}
