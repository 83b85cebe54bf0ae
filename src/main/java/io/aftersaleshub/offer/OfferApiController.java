package io.aftersaleshub.offer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The synchronous offer API for pages (parts page, storefront): see {@link OfferApi}. */
@RestController
public class OfferApiController {

    private final OfferApi api;

    public OfferApiController(OfferApi api) {
        this.api = api;
    }

    @GetMapping("/api/offers")
    public OfferApi.OfferAnswer offer(@RequestParam(required = false) String gtin, @RequestParam(required = false) String serial,
                                      @RequestParam(required = false) String moment) {
        return api.offerFor(gtin, serial, moment);
    }
}
