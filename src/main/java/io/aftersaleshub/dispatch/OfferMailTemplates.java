package io.aftersaleshub.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The offer e-mail's text, one template per moment and language: {@code mail/<moment>.txt} in English (the
 * default) and {@code mail/<language>/<moment>.txt} for every language folder that holds a
 * {@code wording.properties} (today {@code de}); first line the subject, then a blank line, then the body.
 * The owner's locale ({@code de}, {@code de-AT}, {@code de_CH} …) picks the language; an unknown or missing
 * one gets English. Placeholders: {@code ${greeting}}, {@code ${offerName}}, {@code ${sku}}, {@code ${price}}
 * ("20 % off" or "for you", in the language's wording), {@code ${until}}, {@code ${modelCode}},
 * {@code ${serial}}, {@code ${decisionId}}, {@code ${clickUrl}} (the tracked offer link), {@code ${redeemLink}}
 * (the line with the link that redeems the offer token, else empty),
 * {@code ${unsubscribeUrl}} and {@code ${shopLink}} (the discount code and cart link when the payload has
 * {@code discountCode} and {@code cartUrl}, else empty). A payload without an offer (the registration
 * confirmation the frequency cap left without its offer) takes {@code <moment>-confirmation.txt}; a language
 * without that file uses the English one.
 */
@Component
public class OfferMailTemplates {

    static final String DEFAULT_LANGUAGE = "en";
    private static final String CONFIRMATION = "-confirmation";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    public record OfferMail(String subject, String body) {
    }

    private record Template(String subject, String body) {
    }

    /** How a language says the parts that are not in the template: greeting, price, deadline. */
    private record Wording(String hello, String percentOff, String forYou, String until, String shopLink,
                           String redeemLink, DateTimeFormatter date) {
        static Wording read(Resource r, Locale locale) {
            Properties p = new Properties();
            try (InputStream in = r.getInputStream()) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r, e);
            }
            return new Wording(p.getProperty("hello"), p.getProperty("percentOff"), p.getProperty("forYou"),
                    p.getProperty("until"), p.getProperty("shopLink"), p.getProperty("redeemLink"), DateTimeFormatter.ofPattern(p.getProperty("datePattern"), locale).withZone(ZoneOffset.UTC));
        }
    }

    private final Map<String, Map<String, Template>> templates = new HashMap<>();
    private final Map<String, Wording> wordings = new HashMap<>();
    private final OfferLinks links;

    public OfferMailTemplates(OfferLinks links) {
        this.links = links;
        load(DEFAULT_LANGUAGE, "mail/");
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:mail/*/wording.properties")) {
                String folder = r.createRelative(".").getURL().toString().replaceAll("/+\\.?$", "");
                String language = folder.substring(folder.lastIndexOf('/') + 1);
                load(language, "mail/" + language + "/");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the e-mail languages", e);
        }
    }

    /** The languages with templates, e.g. [de, en]. */
    public java.util.Set<String> languages() {
        return java.util.Set.copyOf(templates.keySet());
    }

    private void load(String language, String folder) {
        Map<String, Template> byName = new HashMap<>();
        for (Moment m : Moment.values()) {
            String base = baseName(m);
            byName.put(base, read(folder + base + ".txt", m));
            if (new ClassPathResource(folder + base + CONFIRMATION + ".txt").exists()) {
                byName.put(base + CONFIRMATION, read(folder + base + CONFIRMATION + ".txt", m));
            }
        }
        templates.put(language, byName);
        wordings.put(language, Wording.read(new ClassPathResource(folder + "wording.properties"), Locale.forLanguageTag(language)));
    }

    private static String baseName(Moment m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Template read(String name, Moment m) {
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

    private Template template(String language, Moment moment, boolean withOffer) {
        String base = baseName(moment);
        if (!withOffer) {
            Template confirmation = templates.get(language).getOrDefault(base + CONFIRMATION,
                    templates.get(DEFAULT_LANGUAGE).get(base + CONFIRMATION));
            if (confirmation != null) {
                return confirmation;
            }
        }
        return templates.get(language).get(base);
    }

    /** The language of a locale such as {@code de-AT} or {@code de_CH} when there are templates for it, else English. */
    String languageOf(Object locale) {
        if (locale == null) {
            return DEFAULT_LANGUAGE;
        }
        String language = Locale.forLanguageTag(locale.toString().trim().replace('_', '-')).getLanguage();
        return templates.containsKey(language) ? language : DEFAULT_LANGUAGE;
    }

    public OfferMail render(Map<String, Object> payload) {
        Moment moment = Moment.valueOf(String.valueOf(payload.get("moment")));
        String language = languageOf(payload.get("locale"));
        Template t = template(language, moment, payload.get("sku") != null);
        Wording w = wordings.get(language);
        Map<String, String> values = new HashMap<>();
        Object name = payload.get("name");
        values.put("greeting", name == null || name.toString().isBlank() ? w.hello() : w.hello() + " " + name);
        int discount = payload.get("discountPercent") instanceof Number n ? n.intValue() : 0;
        values.put("price", discount > 0 ? w.percentOff().replace("{0}", Integer.toString(discount)) : w.forYou());
        Object expires = payload.get("expiresAt");
        values.put("until", expires == null ? "" : " " + w.until().replace("{0}", w.date().format(Instant.parse(expires.toString()))));
        Object code = payload.get("discountCode");
        values.put("shopLink", code == null ? "" : w.shopLink().replace("{0}", code.toString()).replace("{1}", String.valueOf(payload.get("cartUrl"))));
        Object redeem = payload.get("redeemUrl");
        values.put("redeemLink", redeem == null ? "" : w.redeemLink().replace("{0}", redeem.toString()));
        for (String key : new String[] {"offerName", "sku", "modelCode", "serial", "decisionId"}) {
            values.put(key, payload.get(key) == null ? "" : payload.get(key).toString());
        }
        values.put("clickUrl", links.clickUrl(values.get("decisionId")));
        Object owner = payload.get("ownerId");
        // actions written before owner ids were in the payload have no unsubscribe link: the reply address remains
        values.put("unsubscribeUrl", owner == null ? "" : links.unsubscribeUrl(UUID.fromString(owner.toString())));
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
