package io.aftersaleshub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

class HubUsersTest {

    static final String HASH = "{bcrypt}$2a$04$abcdefghijklmnopqrstuu5Zk8v3p6Y1pYQbq0tq3mZrJvGg8nGxO";

    @Test
    void rolesBecomeTheirScopes() {
        List<UserDetails> users = HubUsers.parse("alice:ANALYST:" + HASH + ", bob:marketing+ANALYST:" + HASH + ",root:ADMIN:" + HASH);
        assertThat(users).extracting(UserDetails::getUsername).containsExactly("alice", "bob", "root");
        assertThat(authorities(users.get(0))).containsExactlyInAnyOrder("ROLE_ANALYST", "SCOPE_rules", "SCOPE_read");
        assertThat(authorities(users.get(1))).containsExactlyInAnyOrder("ROLE_MARKETING", "ROLE_ANALYST", "SCOPE_rules", "SCOPE_read");
        assertThat(authorities(users.get(2))).contains("ROLE_ADMIN", "SCOPE_admin", "SCOPE_ops", "SCOPE_ingest", "SCOPE_catalog");
        assertThat(HubUsers.parse("")).isEmpty();
        assertThat(HubUsers.parse(null)).isEmpty();
    }

    @Test
    void plainPasswordsAndUnknownRolesStopTheHubWithoutRepeatingTheSecret() {
        assertThatThrownBy(() -> HubUsers.parse("alice:ANALYST:hunter2"))
                .hasMessageContaining("alice").hasMessageContaining("hash").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> HubUsers.parse("alice:ANALYST:{noop}hunter2")).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> HubUsers.parse("alice:BOSS:" + HASH)).hasMessageContaining("unknown role 'BOSS'");
        assertThatThrownBy(() -> HubUsers.parse("alice")).hasMessageContaining("entry 1");
    }

    private static List<String> authorities(UserDetails user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
