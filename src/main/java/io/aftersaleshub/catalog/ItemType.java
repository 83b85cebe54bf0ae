package io.aftersaleshub.catalog;

/** What a catalogue item is; an offer's type is its item's type. */
public enum ItemType {
    WARRANTY_PLAN, ACCESSORY, PART, BUNDLE, UPGRADE
}
