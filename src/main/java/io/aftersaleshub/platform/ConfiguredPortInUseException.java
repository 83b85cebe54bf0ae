package io.aftersaleshub.platform;

/** A server of the hub could not listen on its port because something else does; names the setting to change. */
public class ConfiguredPortInUseException extends RuntimeException {

    private final int port;
    private final String server;
    private final String setting;

    public ConfiguredPortInUseException(int port, String server, String setting, Throwable cause) {
        super("port " + port + " for " + server + " is in use: set " + setting + " to a free port", cause);
        this.port = port;
        this.server = server;
        this.setting = setting;
    }

    public int port() {
        return port;
    }

    public String server() {
        return server;
    }

    public String setting() {
        return setting;
    }
}
