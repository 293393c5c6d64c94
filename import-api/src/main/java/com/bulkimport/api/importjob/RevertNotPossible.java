package com.bulkimport.api.importjob;

import com.bulkimport.api.problem.ApiProblem;
import com.bulkimport.engine.revert.RevertRefused;
import org.springframework.http.HttpStatus;

/**
 * A revert that cannot start: {@code not-revertible} (not finished, a revert itself, a dry run never confirmed),
 * {@code revert-in-progress} (another revert of it has not finished) or {@code nothing-to-revert}.
 */
class RevertNotPossible extends ApiProblem {
    RevertNotPossible(RevertRefused refused) {
        super(HttpStatus.CONFLICT, refused.code(), "The import cannot be reverted now", refused.getMessage());
    }
}
