package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** Priority {@code high} is for admins: it takes the work lane workers poll most (docs/architecture.md, "Priority and fairness"). */
class PriorityNotAllowed extends ApiProblem {
    PriorityNotAllowed() {
        super(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                "only an admin may ask for priority high; use normal or low");
    }
}
