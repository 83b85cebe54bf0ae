package io.aftersaleshub.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the moment ITs: the whole hub with GreenMail as its SMTP server on a free port, no demo data,
 * the daily job's own timer off (tests run it), and a {@link MutableClock} as the hub's clock. Each test
 * gets {@link #hub}, {@link #it}, {@link #inbox} and a {@link #run} id to keep its units and owners apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.dev-mailbox=false", "hub.demo-data=false", "hub.schedule.enabled=false"})
@Import(MutableClock.Config.class)
public abstract class MomentIntegrationTest extends HubIntegrationTest {

    @RegisterExtension
    protected static GreenMailPeer smtp = new GreenMailPeer();

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("hub.mail.port", smtp::port);
    }

    @Autowired
    protected TestRestTemplate rest;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MutableClock clock;

    protected HubClient hub;
    protected HubFixtures it;
    protected GreenMailPeer inbox;
    protected final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void moments() {
        hub = new HubClient(rest);
        it = new HubFixtures(hub, jdbc, smtp);
        inbox = smtp;
    }
}
