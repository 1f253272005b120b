package io.tern.store;

/**
 * The whole message store, as a gateway opens it: its {@link Messages}, their
 * {@link MessageLifecycle} and the {@link CallbackOutbox}, over one database (or one heap). Each
 * part of the gateway takes only the contract it uses.
 */
public interface MessageStore extends Messages, MessageLifecycle, CallbackOutbox {}
