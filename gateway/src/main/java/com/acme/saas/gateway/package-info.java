@NullMarked
package com.acme.saas.gateway;

import org.jspecify.annotations.NullMarked;
