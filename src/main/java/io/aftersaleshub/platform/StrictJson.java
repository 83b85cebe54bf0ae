package io.aftersaleshub.platform;

import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies are JSON, read strictly: a value of the wrong type is refused by name instead of being
 * coerced ({@code "marketingConsent": -999999999999} is not {@code true}, {@code "serial": 12} is not
 * {@code "12"}, {@code "amount": "79.00"} is not a number, a date is not an epoch number), text after the
 * JSON value and duplicate keys are refused, and bodies in other formats Jackson could read (YAML, CBOR,
 * Smile, whose modules come with other libraries) are 415.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson implements WebMvcConfigurer {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(StrictJson::noCoercion);
    }

    static void noCoercion(ObjectMapper mapper) {
        mapper.setDefaultLeniency(false);
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer, LogicalType.Float,
                LogicalType.DateTime, LogicalType.Enum)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.Array, CoercionInputShape.Object)) {
                if (!naturalShape(type, shape)) {
                    mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
    }

    /** The JSON shapes a type is read from as such: text from strings, numbers from numbers, dates from ISO strings. */
    private static boolean naturalShape(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Textual, DateTime, Enum -> shape == CoercionInputShape.String;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
            default -> false;
        };
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        // JSON only: other Jackson formats are subclasses of the JSON converter's base, but not of it
        converters.removeIf(c -> c instanceof org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter
                && !(c instanceof MappingJackson2HttpMessageConverter));
    }
}
