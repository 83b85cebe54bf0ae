package io.aftersaleshub.access;

import java.util.Set;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by its {@code X-Api-Key}: the key's holder, with the key's scopes as authorities. */
class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeys.Holder holder;

    ApiKeyAuthentication(ApiKeys.Holder holder) {
        super(Scope.granted(holder.scopes()).stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList());
        this.holder = holder;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiKeys.Holder getPrincipal() {
        return holder;
    }

    @Override
    public String getName() {
        return "api-key:" + holder.id();
    }

    Set<Scope> scopes() {
        return holder.scopes();
    }
}
