package io.aftersaleshub.event;

/** Published when new events to decide are committed, so that the decide step looks at once rather than at its next poll. */
public record EventsReceived(int count) {
}
