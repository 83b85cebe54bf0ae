package io.aftersaleshub.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The offer e-mail's text, one template per moment ({@code mail/<moment>.txt} on the classpath: first line
 * the subject, then a blank line, then the body). Placeholders: {@code ${greeting}}, {@code ${offerName}},
 * {@code ${sku}}, {@code ${price}} ("20 % off" or "for you"), {@code ${until}}, {@code ${modelCode}},
 * {@code ${serial}}, {@code ${decisionId}}, {@code ${shopLink}} (the discount code and cart link when the
 * payload has {@code discountCode} and {@code cartUrl}, else empty). A payload without an offer (the
 * registration confirmation the frequency cap left without its offer) takes {@code mail/<moment>-confirmation.txt}.
 */
@Component
public class OfferMailTemplates {

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    public record OfferMail(String subject, String body) {
    }

    private record Template(String subject, String body) {
    }

    private final Map<Moment, Template> templates = new HashMap<>();
    private final Map<Moment, Template> confirmations = new HashMap<>();

    public OfferMailTemplates() {
        for (Moment m : Moment.values()) {
            String base = "mail/" + m.name().toLowerCase().replace('_', '-');
            templates.put(m, load(base + ".txt", m));
            if (new ClassPathResource(base + "-confirmation.txt").exists()) {
                confirmations.put(m, load(base + "-confirmation.txt", m));
            }
        }
    }

    private static Template load(String name, Moment m) {
        try {
            String text = new ClassPathResource(name).getContentAsString(StandardCharsets.UTF_8).replace("\r\n", "\n");
            int split = text.indexOf("\n\n");
            if (split < 0) {
                throw new IllegalStateException(name + " must hold a subject line, a blank line and the body");
            }
            return new Template(text.substring(0, split).trim(), text.substring(split + 2));
        } catch (IOException e) {
            throw new UncheckedIOException("no e-mail template " + name + " for moment " + m, e);
        }
    }

    public OfferMail render(Map<String, Object> payload) {
        Moment moment = Moment.valueOf(String.valueOf(payload.get("moment")));
        Template t = payload.get("sku") == null && confirmations.containsKey(moment)
                ? confirmations.get(moment) : templates.get(moment);
        Map<String, String> values = new HashMap<>();
        Object name = payload.get("name");
        values.put("greeting", name == null || name.toString().isBlank() ? "Hello" : "Hello " + name);
        int discount = payload.get("discountPercent") instanceof Number n ? n.intValue() : 0;
        values.put("price", discount > 0 ? discount + " % off" : "for you");
        Object expires = payload.get("expiresAt");
        values.put("until", expires == null ? "" : " until " + UNTIL.format(Instant.parse(expires.toString())));
        Object code = payload.get("discountCode");
        values.put("shopLink", code == null ? "" : "Your personal code " + code + " takes it off at checkout: " + payload.get("cartUrl"));
        for (String key : new String[] {"offerName", "sku", "modelCode", "serial", "decisionId"}) {
            values.put(key, payload.get(key) == null ? "" : payload.get(key).toString());
        }
        return new OfferMail(fill(t.subject(), values), fill(t.body(), values));
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
