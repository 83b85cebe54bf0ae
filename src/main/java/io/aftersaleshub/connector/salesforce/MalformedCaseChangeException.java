package io.aftersaleshub.connector.salesforce;

/** A change event the hub cannot read: what is wrong, and the replay id it came with. Nothing of it is written. */
class MalformedCaseChangeException extends RuntimeException {

    MalformedCaseChangeException(String message) {
        super(message);
    }
}
