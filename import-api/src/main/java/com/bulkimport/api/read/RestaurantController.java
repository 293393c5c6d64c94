package com.bulkimport.api.read;

import com.bulkimport.api.importjob.ImportLimits;
import com.bulkimport.api.caller.CurrentCaller;
import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Restaurants and their menus, of the caller's tenant only. */
@RestController
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

    /** Alphabetical; {@code city} matches exactly (ignoring case), {@code cuisine} any one of the listed cuisines. */
    @GetMapping
    Page<RestaurantQueries.Restaurant> list(@RequestParam(required = false) String city,
                                            @RequestParam(required = false) String cuisine,
                                            @RequestParam(defaultValue = "0") int page,
                                            @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size, maxPageSize);
        String tenant = caller.get().tenant();
        String cityFilter = ReadLimits.filter("city", city);
        String cuisineFilter = ReadLimits.filter("cuisine", cuisine);
        return Page.of(restaurants.list(tenant, cityFilter, cuisineFilter, page, size), page, size,
                restaurants.count(tenant, cityFilter, cuisineFilter));
    }

    @GetMapping("/{id}")
    RestaurantQueries.Restaurant one(@PathVariable long id) {
        return restaurants.find(caller.get().tenant(), id).orElseThrow(() -> new RestaurantNotFound(id));
    }

    /** The restaurant's dishes by category and name. */
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

    /** No such restaurant in the caller's tenant (another tenant's looks the same). */
    static final class RestaurantNotFound extends ApiProblem {
        RestaurantNotFound(long id) {
            super(HttpStatus.NOT_FOUND, "restaurant-not-found", "Restaurant not found", "restaurant " + id
                    + " does not exist");
        }
    }
}
