package com.bulkimport.api.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code POST /api/imports/{id}/corrections}: operations applied in order, all or none. */
record CorrectionRequest(
        @ArraySchema(minItems = 1, maxItems = CorrectionService.MAX_OPERATIONS,
                schema = @Schema(implementation = Operation.class)) List<Operation> operations) {

    /**
     * One operation, told apart by its members: {@code {row, column, value}} sets a cell of a refused row;
     * {@code {column, default}} fills the column's empty cells in every row; {@code {skip: "rows_with_errors"}}
     * leaves out every row still refused; {@code {skip_rows: [3, 7]}} leaves out those rows.
     */
    @Schema(description = "set a cell {row, column, value}; a default for a column's empty cells {column, default};"
            + " skip the rows still refused {skip: \"rows_with_errors\"}; skip rows by number {skip_rows: [...]}")
    record Operation(
            @Schema(description = "the row number (as the problems list it)", minimum = "1",
                    maximum = "9223372036854775807") Long row,
            @Schema(description = "a column of the file, by its header, or the field it feeds",
                    maxLength = CorrectionService.MAX_NAME) String column,
            @Schema(description = "the cell's new value", maxLength = CorrectionService.MAX_VALUE) String value,
            @JsonProperty("default") @Schema(description = "the value for the column's empty cells",
                    maxLength = CorrectionService.MAX_VALUE) String defaultValue,
            @Schema(description = "rows_with_errors", allowableValues = "rows_with_errors", maxLength = 16) String skip,
            @ArraySchema(maxItems = CorrectionService.MAX_SKIP_ROWS,
                    schema = @Schema(minimum = "1", maximum = "9223372036854775807"))
            List<Long> skipRows) {
    }
}
