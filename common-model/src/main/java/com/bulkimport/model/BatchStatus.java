package com.bulkimport.model;

/**
 * A batch of one job: PENDING until applied (DONE), skipped because its job was cancelled or had
 * ended (SKIPPED), or given up after its message's last delivery (FAILED, PENDING again on a retry).
 */
public enum BatchStatus {
    PENDING, DONE, SKIPPED, FAILED
}
