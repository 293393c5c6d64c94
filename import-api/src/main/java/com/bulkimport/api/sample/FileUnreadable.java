package com.bulkimport.api.sample;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** The uploaded file cannot be read at all: empty, binary, a corrupt or password-protected workbook... */
class FileUnreadable extends ApiProblem {

    private final String code;

    FileUnreadable(String code, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file", "The file cannot be read", message);
        this.code = code;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("code", code);
    }
}
