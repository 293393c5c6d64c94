package com.bulkimport.api.read;

import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Restaurants, their menus and their reviews, of the caller's tenant only. */
@RestController
@Tag(name = "read API", description = "what imports wrote, read back in the caller's tenant (bearer token or X-Api-Key)")
@RequestMapping(path = "/api/restaurants", produces = MediaType.APPLICATION_JSON_VALUE)
class RestaurantController {

    private final RestaurantQueries restaurants;
    private final CurrentCaller caller;
    private final int maxPageSize;

    RestaurantController(RestaurantQueries restaurants, CurrentCaller caller,
                         ImportLimits limits) {
        this.restaurants = restaurants;
        this.caller = caller;
        this.maxPageSize = limits.pageSizeMax();
    }

    /**
     * Alphabetical; {@code city} matches exactly (ignoring case), {@code cuisine} any one of the listed cuisines,
     * {@code job_id} the restaurants that import created or changed.
     */
    @Operation(summary = "Restaurants, filtered by city, cuisine or the import that changed them")
    @GetMapping
    Page<RestaurantQueries.Restaurant> list(@RequestParam(required = false) String city,
                                            @RequestParam(required = false) String cuisine,
                                            @Parameter(description = "an import's id: what it created or changed")
                                            @RequestParam(name = "job_id", required = false) java.util.UUID jobId,
                                            @RequestParam(defaultValue = "0") int page,
                                            @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, maxPageSize);
        String tenant = caller.get().tenant();
        String cityFilter = ReadLimits.filter("city", city);
        String cuisineFilter = ReadLimits.filter("cuisine", cuisine);
        return Page.of(restaurants.list(tenant, cityFilter, cuisineFilter, jobId, page, size), page, size,
                restaurants.count(tenant, cityFilter, cuisineFilter, jobId));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One restaurant, with review_count and average_rating kept from its imported reviews")
    RestaurantQueries.Restaurant one(@PathVariable long id) {
        return restaurants.find(caller.get().tenant(), id).orElseThrow(() -> new RestaurantNotFound(id));
    }

    /** The restaurant's dishes by category and name. */
    @Operation(summary = "A restaurant's dishes")
    @GetMapping("/{id}/menu")
    Page<RestaurantQueries.Dish> menu(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size, maxPageSize);
        String tenant = caller.get().tenant();
        if (restaurants.find(tenant, id).isEmpty()) {
            throw new RestaurantNotFound(id);
        }
        return Page.of(restaurants.menu(tenant, id, page, size), page, size, restaurants.menuCount(tenant, id));
    }

    /**
     * The restaurant's reviews, newest first (by {@code reviewed_at}, undated ones last, then the newest id);
     * offset pages as the other lists.
     */
    @GetMapping("/{id}/reviews")
    @Operation(summary = "A restaurant's reviews, newest first",
            description = "Ordered by reviewed_at (reviews without one last), then by the newest id. Another tenant's"
                    + " restaurant is 404.")
    Page<RestaurantQueries.Review> reviews(@PathVariable long id,
                                           @Parameter(description = "page number, from 0")
                                           @RequestParam(defaultValue = "0") int page,
                                           @Parameter(description = "reviews per page, 1 to the maximum page size (100 by default)")
                                           @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, maxPageSize);
        String tenant = caller.get().tenant();
        if (restaurants.find(tenant, id).isEmpty()) {
            throw new RestaurantNotFound(id);
        }
        return Page.of(restaurants.reviews(tenant, id, page, size), page, size, restaurants.reviewCount(tenant, id));
    }

    /** No such restaurant in the caller's tenant (another tenant's looks the same). */
    static final class RestaurantNotFound extends ApiProblem {
        RestaurantNotFound(long id) {
            super(HttpStatus.NOT_FOUND, "restaurant-not-found", "Restaurant not found", "restaurant " + id
                    + " does not exist");
        }
    }
}
