package io.aftersaleshub.transfer;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Ownership transfer: started by the current owner's side, completed by the new owner with the token. */
@RestController
@RequestMapping("/api/transfers")
public class TransferController {

    private final TransferService transfers;

    public TransferController(TransferService transfers) {
        this.transfers = transfers;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "started; the token is shown once and valid for 14 days",
            content = @Content(schema = @Schema(implementation = TransferRequests.Started.class)))
    @ApiResponse(responseCode = "409", description = "the unit has no registered owner", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "422", description = "unknown unit, or the new owner already owns it", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public TransferRequests.Started start(@RequestBody TransferRequests.Start request) {
        return transfers.start(request);
    }

    @PostMapping("/{token}/complete")
    @ApiResponse(responseCode = "200", description = "the new ownership; its new-owner offer is decided a moment later",
            content = @Content(schema = @Schema(implementation = TransferRequests.Completed.class)))
    @ApiResponse(responseCode = "404", description = "unknown or altered token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "409", description = "the token was used already, or the unit changed hands since the transfer started",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "410", description = "the token expired", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "422", description = "owner.email is not the address the transfer was started for",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public TransferRequests.Completed complete(@PathVariable String token, @RequestBody TransferRequests.Complete request) {
        return transfers.complete(token, request);
    }
}
