package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The first and last step of every sink: claim the pending actions of an action message (ids in its body)
 * with one statement, so that two copies of the message never both send, and mark sent what went out.
 * Actions sent already, failed or held by another sender are left out of the claim.
 */
@Component("actionClaims")
public class ActionClaims {

    /**
     * Bounds a claim only while this process has no liveness lock; otherwise a claim holds exactly as long
     * as this process lives (see {@link SenderLiveness}), and a sender that died mid-send has its actions
     * taken over within seconds. Longer than one send (SMTP connects in at most 10 s, HTTP calls time out sooner).
     */
    static final Duration HOLD = Duration.ofMinutes(2);

    private final OutboxStore outbox;

    public ActionClaims(OutboxStore outbox) {
        this.outbox = outbox;
    }

    /**
     * Exchange property: the ids this exchange claimed. A property, not a header, so that it survives the steps
     * that replace the message (an HTTP call's answer carries none of the request's headers) and is copied into
     * split parts: a failed attempt releases every claim of the exchange by it ({@link DeadLetters#recordAttempt}),
     * or they would stay held by this live process, never sent.
     */
    public static final String CLAIMED = "hubClaimedActionIds";

    /** The message's actions this sender may send now; route steps take them as the body. */
    public List<OutboxStore.Claimed> claim(Exchange exchange) {
        List<OutboxStore.Claimed> claimed = outbox.claimAll(Queues.ids(exchange.getMessage().getBody(String.class)), HOLD);
        exchange.setProperty(CLAIMED, claimed.stream().map(OutboxStore.Claimed::id).toList());
        return claimed;
    }

    public void sent(Collection<UUID> ids) {
        outbox.markSent(ids);
    }
}
