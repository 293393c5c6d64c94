package com.bulkimport.relay.outbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a relay loop waits for a NOTIFY after each kind of round, before it looks anyway. */
class RelayLoopWaitUnitTest {

    private static RelayProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("bulkimport.relay",
                RelayProperties.class);
    }

    private static Round published(int claimed, int locked) {
        List<Round.Published> published = java.util.stream.IntStream.range(0, claimed)
                .mapToObj(i -> new Round.Published(null, null, true)).toList();
        return new Round(claimed, locked, published, List.of(), List.of(), List.of(), 0, null);
    }

    @Test
    void anIdleRelayWaitsThePollIntervalAndOneThatJustPublishedOnlyTheBusyPollInterval() {
        RelayProperties defaults = properties(Map.of());

        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RelayLoop.waitAfter(Round.EMPTY, defaults)).isEqualTo(Duration.ofSeconds(1));
        // a NOTIFY that comes late (seen under load) costs 20 ms while events flow, not a second
        assertThat(RelayLoop.waitAfter(published(3, 3), defaults)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aFullRoundGoesAgainAtOnceAndABlockedOneWaitsMoments() {
        RelayProperties defaults = properties(Map.of());

        assertThat(RelayLoop.waitAfter(published(100, 100), defaults)).isNull();
        assertThat(RelayLoop.waitAfter(Round.blocked(4), defaults)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void noWaitIsLongerThanThePollInterval() {
        RelayProperties fastPoll = properties(Map.of("bulkimport.relay.poll-interval", "5ms",
                "bulkimport.relay.busy-poll-interval", "50ms"));

        assertThat(RelayLoop.waitAfter(published(3, 3), fastPoll)).isEqualTo(Duration.ofMillis(5));
        assertThat(RelayLoop.waitAfter(Round.blocked(4), fastPoll)).isEqualTo(Duration.ofMillis(5));
        assertThat(RelayLoop.waitAfter(Round.EMPTY, fastPoll)).isEqualTo(Duration.ofMillis(5));
    }
}
