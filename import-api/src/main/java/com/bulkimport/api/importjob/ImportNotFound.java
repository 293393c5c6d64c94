package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import java.util.UUID;

/** No such job for this caller: absent and "someone else's" look the same, on purpose. */
public class ImportNotFound extends ApiProblem {
    public ImportNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "import-not-found", "Import not found", "import " + id + " does not exist");
    }
}
