package io.aftersaleshub.owner;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/purchases")
public class PurchaseController {

    private final PurchaseService purchases;

    public PurchaseController(PurchaseService purchases) {
        this.purchases = purchases;
    }

    /** 201 for a new purchase, 200 with {@code duplicate: true} when this order line was recorded before, 409 if with other content. */
    @PostMapping
    @ApiResponse(responseCode = "201", description = "recorded",
            content = @Content(schema = @Schema(implementation = PurchaseService.Recorded.class)))
    @ApiResponse(responseCode = "200", description = "this order line was recorded before (duplicate: true)",
            content = @Content(schema = @Schema(implementation = PurchaseService.Recorded.class)))
    @ApiResponse(responseCode = "409", description = "this order line was recorded before with other content; errors name the fields",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public ResponseEntity<PurchaseService.Recorded> record(@RequestBody PurchaseRequest request) {
        PurchaseService.Recorded recorded = purchases.record(request);
        return ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded);
    }
}
