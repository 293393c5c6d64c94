package com.bulkimport.worker.mail;

import java.util.List;

/** One plain-text mail. */
record Mail(List<String> to, String subject, String text) {
}
