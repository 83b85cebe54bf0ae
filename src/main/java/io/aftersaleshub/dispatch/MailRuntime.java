package io.aftersaleshub.dispatch;

/**
 * Jakarta Mail looks its stream provider up through the ServiceLoader for every message it builds or
 * parses; inside the fat jar that lookup scanned the jar's index and took a third of the hub's CPU
 * during a registration burst. Naming the provider once makes it a plain class lookup.
 */
final class MailRuntime {

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    private MailRuntime() {
    }

    static void nameStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }
}
