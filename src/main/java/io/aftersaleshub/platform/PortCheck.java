package io.aftersaleshub.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a loopback port is taken, to tell "port in use" from other reasons a server did not start. */
public final class PortCheck {

    private PortCheck() {
    }

    public static boolean inUse(int port) {
        if (port <= 0) {
            return false;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
