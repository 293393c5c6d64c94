package com.bulkimport.worker.mail;

import com.bulkimport.engine.review.Correction;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventType;
import com.bulkimport.worker.DeliveryIntegrationTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail at a job's end, sent over SMTP to the local stack's GreenMail and read back over IMAP, as a
 * person's mail client would: to the addresses the job names, else to its owner's default ones.
 */
class CompletionMailIntegrationTest extends DeliveryIntegrationTest {

    private static final String BASE = "https://imports.example.test";

    /** What one mailbox received. */
    record Received(String subject, String text, List<String> to) {
    }

    @Test
    void aCompletedImportIsMailedToTheAddressesItNames() throws Exception {
        String to = address();
        UUID job = importFile("restaurants", utf8("external_id,name,city\nR1,A,Lisbon\nR2,B,Porto\nR3,C,Faro\n"),
                notify(to));
        assertThat(counts(job).status()).isEqualTo("COMPLETED");

        Received mail = onlyMail(to);
        assertThat(mail.subject()).isEqualTo("Import file.csv (restaurants) completed: 3 rows");
        assertThat(mail.text()).contains("Your import file.csv (restaurants) completed.")
                .containsPattern("created +3").containsPattern("errors +0")
                .contains("The import: " + BASE + "/#/imports/" + job)
                .doesNotContain("error report");
        assertThat(mail.to()).containsExactly(to);
    }

    @Test
    void aCompletionWithErrorsLinksTheErrorReport() throws Exception {
        String to = address();
        UUID job = importFile("restaurants", utf8("external_id,name,city\nR1,A,Lisbon\nR2,,Porto\n"), notify(to));
        assertThat(counts(job).status()).isEqualTo("COMPLETED_WITH_ERRORS");

        Received mail = onlyMail(to);
        assertThat(mail.subject()).isEqualTo("Import file.csv (restaurants) completed with errors: 2 rows");
        assertThat(mail.text()).containsPattern("created +1").containsPattern("errors +1")
                .contains("The import: " + BASE + "/#/imports/" + job)
                .contains("The error report (CSV): \"Download the error report\" on the import's page above")
                .doesNotContain("/api/");
    }

    @Test
    void rowsSkippedAtReviewAreInTheCompletedEventAndTheMail() throws Exception {
        String to = address();
        // row 2's e-mail is refused at the preview; its owner skips it and confirms
        UUID job = reviewedImport("customers", utf8("customer_ref,name,email\nC1,Ann,ann@example.com\n"
                + "C2,Bo,nope\nC3,Cy,cy@example.com\n"), notify(to), new Correction.SkipRowsWithErrors());
        assertThat(counts(job).status()).isEqualTo("COMPLETED");

        Map<String, Object> expected = finalCounts(job, "customers", 3L, 3, 2, 0, 0, 0, 0);
        expected.put("skipped", 1L);
        assertThat(onlyEvent(job, EventType.IMPORT_JOB_COMPLETED)).containsExactlyInAnyOrderEntriesOf(expected);
        Received mail = onlyMail(to);
        assertThat(mail.subject()).isEqualTo("Import file.csv (customers) completed: 3 rows");
        assertThat(mail.text()).containsPattern("created +2").containsPattern("errors +0")
                .containsPattern("skipped +1")
                .contains("The error report (CSV): \"Download the error report\" on the import's page above");
    }

    @Test
    void aFailureIsMailedWithItsReason() throws Exception {
        String to = address();
        UUID job = importFile("restaurants", utf8("external_id,city\nR1,Lisbon\n"), notify(to));
        assertThat(counts(job).status()).startsWith("FAILED");

        Received mail = onlyMail(to);
        assertThat(mail.subject()).startsWith("Import file.csv (restaurants) failed: required column name missing");
        assertThat(mail.text()).contains("Reason: required column name missing");
    }

    @Test
    void aCancellationIsMailed() throws Exception {
        String to = address();
        UUID job = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_jobs (id, owner, tenant, kind, mode, status, file_name, options, trace_id)
                        VALUES (:id, 'tester', :tenant, 'restaurants', 'COMMIT', 'AWAITING_UPLOAD', 'later.csv',
                                CAST(:options AS jsonb), 'trace')""")
                .param("id", job).param("tenant", tenant).param("options", notify(to)).update();
        assertThat(ownerCancels(job)).isEqualTo(JobStatus.CANCELLED);

        Received mail = onlyMail(to);
        assertThat(mail.subject()).startsWith("Import later.csv (restaurants) was cancelled");
        assertThat(mail.text()).contains(BASE + "/#/imports/" + job);
    }

    @Test
    void withoutAddressesOfItsOwnAJobIsMailedToItsOwnersDefaultAndAnEmptyListMeansNone() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String fallback = address();
        jdbc.sql("INSERT INTO notification_settings (owner, tenant, email) VALUES (:owner, :tenant, :email)")
                .param("owner", owner).param("tenant", tenant).param("email", new String[] {fallback}).update();
        UUID silent = ownedImport(owner, "{\"notify\": {\"email\": []}}");
        UUID mailed = ownedImport(owner, "{}");

        Received mail = onlyMail(fallback);
        assertThat(mail.text()).contains(mailed.toString()).doesNotContain(silent.toString());
        assertThat(jdbc.sql("SELECT count(*) FROM email_notifications WHERE job_id IN (:a, :b)")
                .param("a", silent).param("b", mailed).query(Long.class).single()).isEqualTo(1);
    }

    private UUID ownedImport(String owner, String options) {
        UUID job = pendingJob("restaurants", utf8("external_id,name\nR1,A\n"), options, "COMMIT");
        jdbc.sql("UPDATE import_jobs SET owner = :owner WHERE id = :id").param("owner", owner).param("id", job).update();
        dispatcher.dispatch(startedEvent(job));
        applyAll(job);
        assertThat(counts(job).status()).isEqualTo("COMPLETED");
        return job;
    }

    private static String notify(String to) {
        return "{\"notify\": {\"email\": [\"" + to + "\"]}}";
    }

    private static String address() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    /** The one mail of this mailbox, read over IMAP once it arrived; a second one fails the test. */
    private Received onlyMail(String address) throws Exception {
        List<Received> mails = new ArrayList<>();
        try {
            await("a mail to " + address, () -> {
                mails.clear();
                mails.addAll(read(address));
                return !mails.isEmpty();
            });
        } catch (AssertionError e) {
            // what became of the mail tells a slow send from a refused one or one never queued
            throw new AssertionError(e.getMessage() + "; its rows: " + jdbc.sql("SELECT status, attempts,"
                    + " next_attempt_at - clock_timestamp() AS due_in, last_error FROM email_notifications"
                    + " WHERE :to = ANY (recipients)").param("to", address).query().listOfRows(), e);
        }
        await("the mail marked sent", () -> jdbc.sql("SELECT count(*) FROM email_notifications"
                + " WHERE :to = ANY (recipients) AND status = 'SENT'").param("to", address).query(Long.class).single() == 1);
        assertThat(read(address)).hasSize(1);
        return mails.get(0);
    }

    private static List<Received> read(String address) {
        try {
            Session session = Session.getInstance(new Properties());
            Store store = session.getStore("imap");
            store.connect("127.0.0.1", INFRA.mail().imapPort(), address, "any password");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Received> received = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    List<String> to = new ArrayList<>();
                    for (var recipient : message.getAllRecipients()) {
                        to.add(recipient.toString());
                    }
                    received.add(new Received(message.getSubject(), String.valueOf(message.getContent()), to));
                }
                inbox.close(false);
                return received;
            } finally {
                store.close();
            }
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            // the mailbox appears with its first mail
            return List.of();
        }
    }
}
