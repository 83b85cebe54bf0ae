package io.aftersaleshub.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The people who log in, from {@code HUB_USERS}: {@code name:ROLE[+ROLE]:{bcrypt}hash} entries separated by
 * commas, e.g. {@code alice:ANALYST:{bcrypt}$2y$10$...,bob:ADMIN:{bcrypt}$2y$10$...}. Only hashed passwords
 * are accepted ({@code {bcrypt}}, {@code {argon2}}, {@code {pbkdf2}}, {@code {scrypt}}); a plain or
 * {@code {noop}} password stops the hub at start, naming the user, never the value.
 */
final class HubUsers {

    private static final Set<String> HASHES = Set.of("{bcrypt}", "{argon2}", "{pbkdf2}", "{scrypt}",
            "{argon2@SpringSecurity_v5_8}", "{pbkdf2@SpringSecurity_v5_8}", "{scrypt@SpringSecurity_v4_1}");

    private HubUsers() {
    }

    static List<UserDetails> parse(String value) {
        List<UserDetails> users = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return users;
        }
        int n = 0;
        for (String entry : value.split(",")) {
            n++;
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new IllegalArgumentException("HUB_USERS entry " + n + " must be name:ROLE:{bcrypt}hash");
            }
            String name = parts[0].trim();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String r : parts[1].split("\\+")) {
                roles.add(Arrays.stream(Role.values()).filter(x -> x.name().equalsIgnoreCase(r.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("HUB_USERS: user " + name + " has an unknown role '"
                                + r.trim() + "' (known: ANALYST, MARKETING, ADMIN)")));
            }
            String hash = parts[2].trim();
            if (HASHES.stream().noneMatch(hash::startsWith)) {
                throw new IllegalArgumentException("HUB_USERS: the password of user " + name
                        + " must be a hash such as {bcrypt}$2y$10$... (plain passwords are refused)");
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            roles.forEach(r -> scopes.addAll(r.scopes()));
            List<SimpleGrantedAuthority> authorities = new ArrayList<>();
            roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
            Scope.granted(scopes).forEach(s -> authorities.add(new SimpleGrantedAuthority(s.authority())));
            users.add(User.withUsername(name).password(hash).authorities(authorities).build());
        }
        return users;
    }
}
